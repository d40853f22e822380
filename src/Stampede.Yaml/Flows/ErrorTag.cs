using System.Text;

namespace Stampede.Yaml.Flows;

/// <summary>An error kind as the <c>error</c> tag of the protocol metrics spells it: <c>FirstEventTimeout</c> → <c>first_event_timeout</c>.</summary>
internal static class ErrorTag
{
    public static string Of<T>(T kind) where T : struct, Enum
    {
        var name = kind.ToString();
        var tag = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                tag.Append('_');
            }

            tag.Append(char.ToLowerInvariant(name[i]));
        }

        return tag.ToString();
    }
}
