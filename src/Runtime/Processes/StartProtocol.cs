namespace Multiproc.Processes;

/// <summary>
/// The constants both sides of a child start agree on, in one place: the parent (<see cref="ChildSpawner"/>, <see cref="ChildLauncher"/>)
/// writes them, the child (<see cref="ChildHost"/>, <see cref="ChildMarker"/>, <see cref="FdTransfer"/>,
/// <see cref="StartFrame"/>) reads them. A child is marked by <see cref="EnvironmentVariable"/> (its value is a
/// <see cref="ChildMarker"/>), finds its control channel at <see cref="ChildChannelFd"/> and inherited
/// descriptors from <see cref="FirstTransferredFd"/> on, and proves itself with a random token of
/// <see cref="TokenLength"/> bytes in its Hello. The Start frame leads with <see cref="ProtocolMagic"/>.
/// docs/wire-format.md describes the frames.
/// </summary>
internal static class StartProtocol
{
    /// <summary>The variable that marks a child; its value is <c>1:&lt;fd&gt;:&lt;token hex&gt;[:warm]</c> (<see cref="ChildMarker"/>).</summary>
    public const string EnvironmentVariable = "MULTIPROC_CHILD";

    /// <summary>The first field of the marker: the version of the marker's format.</summary>
    public const string MarkerVersion = "1";

    /// <summary>The last, optional field of the marker: the child is pre-started (warm) and idles until taken.</summary>
    public const string WarmFlag = "warm";

    /// <summary>The fd number of the control channel in the child.</summary>
    public const int ChildChannelFd = 3;

    /// <summary>The fd number in the child of the first inherited (transferred) descriptor; the others follow.</summary>
    public const int FirstTransferredFd = 4;

    /// <summary>Protocol version carried by the Start frame; a child of another version refuses it.</summary>
    public const uint ProtocolMagic = 0x4D50_0001;

    /// <summary>The length in bytes of the one-time token a child sends back in its Hello.</summary>
    public const int TokenLength = 32;
}
