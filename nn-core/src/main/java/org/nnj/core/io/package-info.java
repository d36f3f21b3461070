/**
 * Model files: {@link org.nnj.core.io.ModelFile} saves and loads a model (architecture and weights) and,
 * in a {@link org.nnj.core.io.Checkpoint}, its loss, optimizer state and training progress, in one
 * {@linkplain org.nnj.core.io.Safetensors safetensors} file that numpy and PyTorch users can read.
 * {@link org.nnj.core.io.Architecture} is the architecture part, {@link org.nnj.core.io.Checkpointer}
 * the training listener that writes a checkpoint after every epoch.
 */
package org.nnj.core.io;
