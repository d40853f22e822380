using System.Text.RegularExpressions;
using Stampede.K6.Options;
using Stampede.K6.Scripts;

namespace Stampede.K6.Tests;

/// <summary>
/// docs/k6-compatibility.md says what a script may use; these tests hold it to what the front end implements: the
/// options the reader accepts or ignores, the executors, the modules and each one's exports in a real VU engine,
/// and that what the page calls not supported fails before the run.
/// </summary>
public sealed partial class DocumentedSetTests : IDisposable
{
    private static readonly IReadOnlyList<Table> Tables = ReadTables(File.ReadAllText(DocsPage()));
    private readonly string _folder = Directory.CreateTempSubdirectory("stampede-k6-docs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DocumentedOptions_AreTheOptionsTheReaderAcceptsAndIgnores()
    {
        var options = TableOf("option");

        Names(options, "supported", "partial").ShouldBe(OptionsReader.Supported, ignoreOrder: true);
        Names(options, "ignored").ShouldBe(OptionsReader.Ignored, ignoreOrder: true);
    }

    [Fact]
    public void OptionsDocumentedAsNotSupported_FailBeforeTheRunAtTheOptions()
    {
        var unsupported = Names(TableOf("option"), "not supported");
        unsupported.ShouldNotBeEmpty();

        foreach (var option in unsupported)
        {
            var errors = Load($"export const options = {{ {option}: 1 }};\nexport default function () {{}}\n");
            errors.ShouldContain(e => e.Message.Contains($"'{option}'") && e.Location!.Line == 1, $"option {option}");
        }
    }

    [Fact]
    public void DocumentedExecutors_AreTheExecutorsTheReaderKnows()
    {
        var executors = TableOf("executor");

        Names(executors, "supported").ShouldBe(OptionsReader.Executors, ignoreOrder: true);
        foreach (var executor in Names(executors, "not supported"))
        {
            Load($"export const options = {{ scenarios: {{ s: {{ executor: '{executor}' }} }} }};\nexport default function () {{}}\n")
                .ShouldContain(e => e.Message.Contains(executor), $"executor {executor}");
        }
    }

    [Fact]
    public void DocumentedModules_AreTheModulesAScriptMayImport_WithTheirExports()
    {
        var modules = TableOf("module");
        var supported = modules.Rows.Where(r => r.Status is "supported" or "partial").ToList();
        supported.Select(r => r.Names.Single()).ShouldBe(BuiltinModules.Supported, ignoreOrder: true);

        // Each module's exports as a VU's engine sees them: named exports and the default export's members.
        var script = string.Concat(supported.Select((r, i) => $"import * as m{i} from '{r.Names.Single()}';\n"))
            + string.Concat(supported.Select((r, i) =>
                $"console.log('{r.Names.Single()}=' + [...new Set([...Object.keys(m{i}).filter((k) => k !== 'default'), ...Object.keys(m{i}.default ?? {{}})])].sort().join(' '));\n"))
            + "export default function () {}\n";
        var logged = new List<string>();
        var errors = Load(script, logged);
        errors.ShouldBeEmpty();
        foreach (var row in supported)
        {
            var line = logged.Single(l => l.StartsWith(row.Names.Single() + "=", StringComparison.Ordinal));
            var exports = line[(line.IndexOf('=') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            exports.ShouldBe(Backticked(row.Cells[1]), ignoreOrder: true, $"the exports of {row.Names.Single()}");
        }
    }

    [Fact]
    public void ModulesDocumentedAsNotSupported_FailBeforeTheRunAtTheImport()
    {
        var unsupported = Names(TableOf("module"), "not supported");
        unsupported.ShouldNotBeEmpty();

        foreach (var module in unsupported)
        {
            var errors = Load($"import x from '{module}';\nexport default function () {{}}\n");
            errors.ShouldContain(e => e.Message.Contains(module) && e.Location!.Line == 1, $"module {module}");
        }
    }

    [Fact]
    public void DocumentedJsLibModules_AreTheOnesServedFromEmbeddedCopies()
    {
        var jslib = Tables.Single(t => t.Header[0].StartsWith("jslib module", StringComparison.Ordinal));

        Names(jslib, "supported").ShouldBe(BuiltinModules.JsLib.Keys, ignoreOrder: true);
    }

    private List<Plans.PlanError> Load(string script, List<string>? log = null)
    {
        var file = Path.Combine(_folder, $"script-{Guid.NewGuid():N}.js");
        File.WriteAllText(file, script);
        using var load = K6ScriptLoader.Load(file, new K6LoadOptions
        {
            Env = new Dictionary<string, string>(),
            Log = (_, message) => log?.Add(message),
        });
        return [.. load.Errors];
    }

    private static Table TableOf(string firstHeader) => Tables.Single(t => t.Header[0] == firstHeader);

    private static List<string> Names(Table table, params string[] statuses) =>
        [.. table.Rows.Where(r => statuses.Contains(r.Status)).SelectMany(r => r.Names)];

    private static List<string> Backticked(string cell) => [.. BacktickedRegex().Matches(cell).Select(m => m.Groups[1].Value)];

    private static List<Table> ReadTables(string markdown)
    {
        var tables = new List<Table>();
        var lines = markdown.Split('\n');
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || !lines[i + 1].StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            var header = Cells(lines[i]);
            var rows = new List<Row>();
            var statusColumn = Array.FindIndex(header, h => h == "status");
            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            {
                var cells = Cells(lines[i]);
                rows.Add(new Row(cells, Backticked(cells[0]), statusColumn >= 0 ? cells[statusColumn] : ""));
            }

            tables.Add(new Table(header, rows));
        }

        return tables;
    }

    // Splits a table row on the pipes between cells, not on those inside backticks (`on('open'|'close')`).
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line.Trim().Trim('|'))
        {
            if (c == '`')
            {
                quoted = !quoted;
            }

            if (c == '|' && !quoted)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }

    private static string DocsPage()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var page = Path.Combine(dir.FullName, "docs", "k6-compatibility.md");
            if (File.Exists(page))
            {
                return page;
            }
        }

        throw new FileNotFoundException("docs/k6-compatibility.md was not found above the test assembly");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex BacktickedRegex();

    private sealed record Table(string[] Header, List<Row> Rows);

    private sealed record Row(string[] Cells, List<string> Names, string Status);
}
