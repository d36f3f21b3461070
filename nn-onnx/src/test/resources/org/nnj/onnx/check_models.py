# Runs the official ONNX checker, with full_check (shape inference included), on every file named on the
# command line; prints the onnx version, then one line per file. Any failure raises: a non-zero exit.
# Run by OnnxCheckerTest with /usr/bin/python3.
import sys

import onnx

print("onnx " + onnx.__version__)
for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    print("ok " + path)
