/**
 * A test kit for plugin authors: {@link org.nnj.core.testkit.GradientChecker} compares a layer's,
 * an activation's or a loss's analytic gradients with central finite differences, and fails with an
 * {@link java.lang.AssertionError} that names the worst elements. Main code without a test-framework
 * dependency, so it can be called from JUnit, TestNG or a plain {@code main}.
 */
package org.nnj.core.testkit;
