using Stampede.Data.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>
/// An <c>if:</c> test: a template that is true when it renders non-empty and not <c>false</c>/<c>0</c>, or a
/// comparison <c>LEFT == RIGHT</c> / <c>LEFT != RIGHT</c> of two rendered templates (trimmed text).
/// </summary>
internal sealed record Condition(Template Left, string? Operator, Template? Right)
{
    public bool Test(TemplateScope scope)
    {
        var left = Left.Render(scope).Trim();
        if (Operator is null)
        {
            return left.Length > 0 && left != "false" && left != "0";
        }

        var right = Unquote(Right!.Render(scope).Trim());
        var equal = string.Equals(Unquote(left), right, StringComparison.Ordinal);
        return Operator == "==" ? equal : !equal;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '\'' && text[^1] == '\'' || text[0] == '"' && text[^1] == '"') ? text[1..^1] : text;
}
