using Jint.Native;
using Jint.Runtime;
using Stampede.Metrics;

namespace Stampede.K6.Runtime;

/// <summary>
/// k6's <c>tags</c> on a request, socket, check or metric sample: the <c>name</c> tag names a request or session (URL
/// grouping); every other tag is added to what the VU records.
/// </summary>
internal readonly record struct RequestTags(string? Name, TagSet Own)
{
    public static RequestTags Read(JsValue tags)
    {
        string? name = null;
        var own = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Js.Properties(tags))
        {
            var text = TypeConverter.ToString(value);
            if (key == "name")
            {
                name = text;
            }
            else
            {
                own.Add(KeyValuePair.Create(key, text));
            }
        }

        return new RequestTags(name, own.Count == 0 ? TagSet.Empty : TagSet.From(own));
    }

    /// <summary>Every tag, <c>name</c> included, as one set (a check's or a metric sample's tags).</summary>
    public static TagSet All(JsValue tags)
    {
        var read = Read(tags);
        return read.Name is null ? read.Own : read.Own.With("name", read.Name);
    }

    /// <summary>The VU's tags with these added, or null when there are none to add (the VU's own series are then used).</summary>
    public TagSet? On(TagSet vuTags) => Own.Count == 0 ? null : vuTags.With(Own);
}
