/**
 * Data sets and how they reach a model: the {@link org.nnj.core.data.Dataset} contract and its
 * {@link org.nnj.core.data.InMemoryDataset}, the {@link org.nnj.core.data.DataLoader} that cuts one into
 * shuffled mini-batches ({@link org.nnj.core.data.Batch}), the IDX file format of MNIST
 * ({@link org.nnj.core.data.IdxReader}, {@link org.nnj.core.data.IdxWriter}) and the Fashion-MNIST loader
 * built on it ({@link org.nnj.core.data.FashionMnist}).
 */
package org.nnj.core.data;
