namespace Multiproc.Queues;

/// <summary>What a ring record's payload holds.</summary>
internal enum RecordKind
{
    /// <summary>The encoded item itself.</summary>
    Inline = 0,

    /// <summary>The UTF-8 name of a spill segment holding the encoded item (messages larger than half the ring).</summary>
    Spilled = 1,
}
