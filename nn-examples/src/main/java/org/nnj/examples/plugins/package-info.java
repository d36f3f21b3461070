/** {@code ./nn plugins}: the plugins this JVM finds, and where each comes from. */
package org.nnj.examples.plugins;
