using System.Globalization;

namespace Multiproc.Processes;

/// <summary>
/// The value of <see cref="StartProtocol.EnvironmentVariable"/> in a child: <c>1:&lt;fd&gt;:&lt;token hex&gt;[:warm]</c>
/// (marker version, control-channel fd, one-time token, and whether the child is pre-started). The parent
/// writes it with <see cref="Format"/>, the child reads it with <see cref="TryRead"/>.
/// </summary>
internal readonly record struct ChildMarker(int Fd, byte[] Token, bool Warm)
{
    /// <summary>Reads this process's marker; false when the variable is absent or malformed.</summary>
    public static bool TryRead(out ChildMarker marker, out bool present)
    {
        string? value = Environment.GetEnvironmentVariable(StartProtocol.EnvironmentVariable);
        present = !string.IsNullOrEmpty(value);
        return TryParse(value, out marker);
    }

    /// <summary>The marker's value, as <see cref="TryParse"/> reads it.</summary>
    public string Format() =>
        $"{StartProtocol.MarkerVersion}:{Fd.ToString(CultureInfo.InvariantCulture)}:{Convert.ToHexString(Token)}{(Warm ? ":" + StartProtocol.WarmFlag : string.Empty)}";

    /// <summary>Parses a marker value; false when it is absent or malformed.</summary>
    public static bool TryParse(string? value, out ChildMarker marker)
    {
        marker = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        string[] parts = value.Split(':');
        if (parts.Length is not (3 or 4) || parts[0] != StartProtocol.MarkerVersion
            || !TryParseFd(parts[1], out int fd)
            || (parts.Length == 4 && parts[3] != StartProtocol.WarmFlag)
            || parts[2].Length == 0 || parts[2].Length % 2 != 0)
        {
            return false;
        }

        byte[] token;
        try
        {
            token = Convert.FromHexString(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        marker = new ChildMarker(fd, token, parts.Length == 4);
        return true;
    }

    /// <summary>
    /// Parses a small decimal fd by hand: every child runs this before its target, and <c>int.TryParse</c>
    /// with a culture would initialize globalization, which loads ICU in a NativeAOT child (measured: the
    /// largest single start-up cost after the runtime's own, several milliseconds).
    /// </summary>
    private static bool TryParseFd(string text, out int fd)
    {
        fd = 0;
        if (text.Length is 0 or > 6)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            fd = (fd * 10) + (c - '0');
        }

        return true;
    }
}
