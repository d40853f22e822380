namespace Stampede.EndToEnd.Tests.Docs;

/// <summary>What a documented command line runs.</summary>
internal enum DocProgram
{
    /// <summary><c>stampede …</c> or <c>./stampede …</c>: the command-line tool.</summary>
    Stampede,

    /// <summary><c>dotnet run plan.cs -- …</c>: a C# plan's program, whose <c>plan.RunAsync(args)</c> takes the run options.</summary>
    CSharpPlan,
}
