using System.Globalization;
using System.Text;

namespace Multiproc.Managers;

/// <summary>Formats copies the way Python prints them (<c>[1, 2]</c>, <c>{'a': 1}</c>), for the proxies' <c>ToString()</c>.</summary>
internal static class PythonText
{
    public static string List<T>(IEnumerable<T> items)
    {
        var text = new StringBuilder("[");
        foreach (T item in items)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(Item(item));
        }

        return text.Append(']').ToString();
    }

    public static string Dict<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        var text = new StringBuilder("{");
        foreach ((TKey key, TValue value) in items)
        {
            text.Append(text.Length > 1 ? ", " : string.Empty).Append(Item(key)).Append(": ").Append(Item(value));
        }

        return text.Append('}').ToString();
    }

    private static string Item<T>(T item) => item switch
    {
        null => "None",
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => item.ToString() ?? string.Empty,
    };
}
