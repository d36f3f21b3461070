/** Dense float32 tensors and their shapes: the data every other contract passes around. */
package org.nnj.api.tensor;
