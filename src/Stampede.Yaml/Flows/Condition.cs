using Stampede.Data.Templates;

namespace Stampede.Yaml.Flows;

/// <summary>
/// An <c>if:</c> test: a template that is true when it renders non-empty and not <c>false</c>/<c>0</c>, or a
/// comparison <c>LEFT == RIGHT</c> / <c>LEFT != RIGHT</c> of two rendered templates (trimmed text).
/// </summary>
internal sealed record Condition(Template Left, string? Operator, Template? Right)
{
    public bool Test(TemplateScope scope) => Decide(Left.Render(scope), Right?.Render(scope));

    /// <summary>The outcome when neither side has a placeholder, so it is known when the plan loads; otherwise null.</summary>
    public bool? Constant => Left.IsConstant && Right is null or { IsConstant: true } ? Decide(Left.ToString(), Right?.ToString()) : null;

    /// <summary>The condition as written (after <c>${VAR}</c> expansion), for messages.</summary>
    public override string ToString() =>
        Operator is null ? Left.ToString().Trim() : $"{Left.ToString().Trim()} {Operator} {Right!.ToString().Trim()}";

    private bool Decide(string leftText, string? rightText)
    {
        var left = leftText.Trim();
        if (Operator is null)
        {
            return left.Length > 0 && left != "false" && left != "0";
        }

        var right = Unquote(rightText!.Trim());
        var equal = string.Equals(Unquote(left), right, StringComparison.Ordinal);
        return Operator == "==" ? equal : !equal;
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '\'' && text[^1] == '\'' || text[0] == '"' && text[^1] == '"') ? text[1..^1] : text;
}
