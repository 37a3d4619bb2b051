import { parseNeuralFlags } from '../../src/cli/neural-option.js';
import { FacecodecError } from '../../src/errors.js';

describe('CLI neural-renderer flags', () => {
  test('providers are read in the order given, with the model folder', () => {
    expect(parseNeuralFlags({})).toBeUndefined();
    expect(parseNeuralFlags({ neuralProviders: 'webgpu, cpu' })).toEqual({ providers: ['webgpu', 'cpu'] });
    expect(parseNeuralFlags({ neuralModelDir: 'm', neuralProviders: 'cpu' })).toEqual({ modelDir: 'm', providers: ['cpu'] });
    expect(parseNeuralFlags({ neuralModelDir: 'm' })).toEqual({ modelDir: 'm' });
  });

  test.each(['', 'gpu', 'cpu,cpu', 'webgpu,,tensorrt'])('"%s" is refused with a BAD_ARGUMENT naming the flag', (list) => {
    let error: unknown;
    try {
      parseNeuralFlags({ neuralProviders: list });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FacecodecError);
    expect(error).toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('--neural-providers') });
  });
});
