/**
 * Test kits for plugin and backend authors, in main code so that other modules (and third parties) can
 * run them from their own tests; they throw {@link java.lang.AssertionError} and need no test framework.
 * {@link org.nnj.core.testkit.BackendConformance} checks a compute backend against the scalar reference
 * over the cases of {@link org.nnj.core.testkit.GemmCase} and the other kernels.
 */
package org.nnj.core.testkit;
