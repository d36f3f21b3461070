/**
 * The vision demos of {@code ./nn}: {@code shift-demo} (an MLP against a CNN on shifted test images) and
 * {@code feature-maps} (the filters and activation maps of a trained CNN).
 */
package org.nnj.examples.vision;
