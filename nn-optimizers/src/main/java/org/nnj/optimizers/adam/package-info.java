/** Adam: {@link org.nnj.optimizers.adam.Adam} and its provider, {@code "adam"}. */
package org.nnj.optimizers.adam;
