using System.Reflection;
using System.Text.RegularExpressions;

namespace Multiproc.Tests.Misuse;

/// <summary>
/// The runtime's exception messages live in <c>Resources/Strings.resx</c> and are read through the generated
/// <c>SR</c> class: every one must load (a wrong manifest name would turn every error into a
/// MissingManifestResourceException) and keep its placeholders formattable.
/// </summary>
public sealed class ResourceStringsTests
{
    private static PropertyInfo[] Messages() =>
        typeof(Multiproc.Resources.SR).GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.PropertyType == typeof(string))
            .ToArray();

    [Fact]
    public void EveryMessage_LoadsFromTheEmbeddedResource_AndFormats()
    {
        PropertyInfo[] messages = Messages();
        Assert.True(messages.Length > 100, $"only {messages.Length} messages");
        foreach (PropertyInfo message in messages)
        {
            string text = (string)message.GetValue(null)!;
            Assert.False(string.IsNullOrWhiteSpace(text), message.Name);
            int holes = Regex.Matches(text, @"(?<!\{)\{(\d+)").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();
            _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, text, Enumerable.Repeat<object?>("x", holes).ToArray());
        }
    }

    [Fact]
    public void AThrownMessage_ComesFromTheResource()
    {
        using var q = new ProcessQueue<int>();
        q.Close();
        var e = Assert.Throws<ObjectDisposedException>(() => q.Put(1));
        Assert.Contains(Multiproc.Resources.SR.Queue_Closed, e.Message);
        Assert.Contains("Queue is closed", e.Message); // Python's ValueError text stays the text
    }
}
