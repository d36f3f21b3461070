/** Test support shared by this module's tests: a build context that needs no registry. */
package org.nnj.layers.testing;
