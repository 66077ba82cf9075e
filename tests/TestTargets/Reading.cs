using MemoryPack;

namespace Multiproc.Tests.Targets;

/// <summary>A user type marked for MemoryPack only: Multiproc carries it without a second annotation.</summary>
[MemoryPackable]
public sealed partial record Reading(string Sensor, double[] Values, DateTime At, Dictionary<string, int>? Tags);
