/**
 * ONNX import and export. The ONNX classes are generated from the official {@code onnx.proto} (package
 * {@code org.nnj.onnx.proto}, kept internal) and read and written with protobuf-java; what users call is in
 * {@code org.nnj.onnx}, and what a plugin implements to export its own layers in {@code org.nnj.onnx.spi}.
 */
// protobuf-java is an automatic module (Automatic-Module-Name com.google.protobuf).
@SuppressWarnings("requires-automatic")
module org.nnj.onnx {
    requires transitive org.nnj.core;
    requires com.google.protobuf;

    exports org.nnj.onnx;
    exports org.nnj.onnx.spi;

    uses org.nnj.onnx.spi.OnnxLayerExporter;
}
