using System.ComponentModel;
using Multiproc.Serialization;

namespace Multiproc;

/// <summary>
/// A generated server dispatcher for a <see cref="SharedInterfaceAttribute">[SharedInterface]</see>: decodes the
/// arguments of method <paramref name="method"/>, calls it on <paramref name="target"/> and encodes the result.
/// </summary>
/// <param name="target">The served object.</param>
/// <param name="method">The method id.</param>
/// <param name="arguments">The encoded arguments.</param>
/// <param name="result">Where to encode the result.</param>
/// <param name="context">The call, for results that are shared objects themselves.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void SharedObjectInvoker(object target, int method, ref WireReader arguments, ref WireWriter result, SharedCallContext context);
