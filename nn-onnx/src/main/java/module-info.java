/**
 * ONNX import and export. The ONNX classes are generated from the official {@code onnx.proto} (package
 * {@code org.nnj.onnx.proto}, kept internal) and read and written with protobuf-java; what users call is in
 * {@code org.nnj.onnx}.
 */
// protobuf-java is an automatic module (Automatic-Module-Name com.google.protobuf).
@SuppressWarnings("requires-automatic")
module org.nnj.onnx {
    requires transitive org.nnj.core;
    requires com.google.protobuf;

    exports org.nnj.onnx;
}
