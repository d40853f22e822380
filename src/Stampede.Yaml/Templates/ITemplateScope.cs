namespace Stampede.Yaml.Templates;

/// <summary>What a template's names resolve against while it renders.</summary>
internal interface ITemplateScope
{
    /// <summary>The value of <paramref name="path"/>, or null when it names nothing.</summary>
    object? Resolve(TemplatePath path);
}
