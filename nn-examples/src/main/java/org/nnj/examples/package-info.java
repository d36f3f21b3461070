/** The {@code ./nn} command line: the lecture's demos and the training runs, built on picocli. */
package org.nnj.examples;
