using Multiproc.Serialization;

namespace Multiproc.Hosting;

/// <summary>
/// A generated entry of the dispatch table: decodes the arguments, calls the target and encodes its
/// result (nothing for a <see langword="void"/> target). Exceptions propagate to the runtime.
/// </summary>
/// <param name="arguments">The encoded arguments.</param>
/// <param name="result">Where to encode the return value.</param>
public delegate void ProcessTargetInvoker(ref WireReader arguments, ref WireWriter result);
