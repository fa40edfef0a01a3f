// softmax(logits / temperature) over the codes, run by onnxruntime instead of a JavaScript loop.
// MaskGIT samples every masked token from its softmax at every step: for 8 branches that is about
// 11 million exponentials a request, ~0.4 s in JavaScript against ~0.1 s in onnxruntime's vectorised
// kernel (measured on the 2-core machine, sharing it with training). The graph is two nodes, so it is written here as ONNX protobuf bytes rather than shipped as
// an artifact: probs = Softmax(Div(logits, temperature), axis = -1), opset 17, float32.
//
// Shape key: B batch, N tokens, K codes.
import { InferenceSession } from 'onnxruntime-node';
import { sessionOptions, Stage, type RuntimeOptions, type StageMeta } from './artifacts';

// --- a protobuf writer for the few ONNX fields used (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto) ---
type Bytes = number[];
function varint(n: number): Bytes {
  const out: Bytes = [];
  for (; n > 127; n = Math.floor(n / 128)) out.push((n & 127) | 128);
  out.push(n);
  return out;
}
const int = (field: number, v: number): Bytes => [...varint(field * 8), ...varint(v)];
const message = (field: number, body: Bytes): Bytes => [...varint(field * 8 + 2), ...varint(body.length), ...body];
const text = (field: number, s: string): Bytes => message(field, [...Buffer.from(s, 'utf8')]);

const FLOAT = 1; // TensorProto.DataType
function floatInput(name: string, dims: string[]): Bytes {
  const shape = dims.flatMap((d) => message(1, text(2, d))); // TensorShapeProto.dim { dim_param }
  const tensorType = [...int(1, FLOAT), ...message(2, shape)]; // TypeProto.Tensor { elem_type, shape }
  return [...text(1, name), ...message(2, message(1, tensorType))]; // ValueInfoProto { name, type { tensor_type } }
}
const node = (op: string, inputs: string[], output: string): Bytes =>
  [...inputs.flatMap((i) => text(1, i)), ...text(2, output), ...text(4, op)]; // NodeProto

export const softmaxModel = Uint8Array.from([
  ...int(1, 8), // ir_version
  ...message(8, [...text(1, ''), ...int(2, 17)]), // opset_import: the default domain, 17
  ...message(7, [ // graph
    ...message(1, node('Div', ['logits', 'temperature'], 'scaled')),
    ...message(1, node('Softmax', ['scaled'], 'probs')), // axis -1 is opset 13's default
    ...text(2, 'softmax'),
    ...message(11, floatInput('logits', ['B', 'N', 'K'])),
    ...message(11, floatInput('temperature', [])),
    ...message(12, floatInput('probs', ['B', 'N', 'K'])),
  ]),
]);

const meta: StageMeta = {
  stage: 'softmax',
  config: {},
  inputs: [
    { name: 'logits', dtype: 'float32', shape: ['B', 'N', 'K'] },
    { name: 'temperature', dtype: 'float32', shape: [] },
  ],
  outputs: [{ name: 'probs', dtype: 'float32', shape: ['B', 'N', 'K'] }],
};

export async function createSoftmaxStage(opts: RuntimeOptions): Promise<Stage> {
  return new Stage('softmax', meta, await InferenceSession.create(softmaxModel, sessionOptions(opts)));
}
