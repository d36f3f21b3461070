package org.nnj.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nnj.api.tensor.Tensor;
import org.nnj.core.io.Architecture;
import org.nnj.core.model.Sequential;
import org.nnj.core.registry.Registries;

/**
 * A trained model as it is broadcast to executors: its architecture as JSON and its weights and buffers as
 * flat arrays (a few plain objects, cheap to serialise). Each executor JVM rebuilds it once per broadcast and
 * shares that model between its task threads, each of which runs its own inference pass (NNJ's inference is
 * safe on one model from many threads).
 *
 * @param architecture the model's architecture JSON
 * @param weights      its parameters, in {@code parameters()} order
 * @param buffers      its buffers (running statistics), in {@code namedBuffers()} order
 */
record ModelPayload(String architecture, float[] weights, float[] buffers) implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Map<Long, Sequential> BUILT = new ConcurrentHashMap<>();

    static ModelPayload of(Sequential model, Registries registries) {
        Map<String, Tensor> buffers = model.namedBuffers();
        int size = 0;
        for (Tensor t : buffers.values()) {
            size += t.size();
        }
        float[] flat = new float[size];
        int at = 0;
        for (Tensor t : buffers.values()) {
            System.arraycopy(t.data(), t.offset(), flat, at, t.size());
            at += t.size();
        }
        return new ModelPayload(Architecture.of(model, registries).toJson(), FlatParameters.values(model.parameters()),
                flat);
    }

    /** The model, with these weights and buffers, built through {@code registries}. */
    Sequential build(Registries registries) {
        Sequential model = Architecture.fromJson(architecture, "the model's architecture").build(registries);
        FlatParameters.setValues(model.parameters(), weights);
        int at = 0;
        for (Tensor t : model.namedBuffers().values()) {
            t.copyFrom(Tensor.wrap(buffers, at, t.shape()));
            at += t.size();
        }
        return model;
    }

    /**
     * The model of broadcast {@code id}, built on first use in this JVM; earlier broadcasts' models are
     * dropped, so an executor keeps one model per transform in flight, not one per job ever run.
     */
    static Sequential cached(long id, ModelPayload payload) {
        Sequential model = BUILT.get(id);
        if (model == null) {
            synchronized (BUILT) {
                model = BUILT.get(id);
                if (model == null) {
                    if (BUILT.size() > 4) {
                        BUILT.clear();
                    }
                    model = payload.build(Replica.registries());
                    BUILT.put(id, model);
                }
            }
        }
        return model;
    }
}
