using System.Text.Json;
using Stampede.Plans;

namespace Stampede.Data.DataSets;

/// <summary>
/// Rows of named string columns from a CSV or JSON file, loaded once per run and shared read-only by every VU.
/// VUs read it through a <see cref="DataCursor"/>.
/// </summary>
public sealed class DataSet
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>> _rows;

    private DataSet(string name, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Name = name;
        Columns = columns;
        _rows = rows;
    }

    /// <summary>The name templates use: <c>{{ data.NAME.column }}</c>.</summary>
    public string Name { get; }

    /// <summary>How many rows there are (at least one for a set loaded without errors).</summary>
    public int Count => _rows.Count;

    /// <summary>Column names in file order (for JSON: the order keys are first seen).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The row at <paramref name="index"/> (from 0).</summary>
    public IReadOnlyDictionary<string, string> this[int index] => _rows[index];

    /// <summary>
    /// Loads <paramref name="path"/>: a <c>.json</c> file holds an array of objects; anything else is CSV with a header
    /// row (RFC 4180: double quotes, commas and line breaks inside quotes, <c>""</c> for a quote; BOM and CRLF accepted).
    /// Every problem is added to <paramref name="errors"/> with its line; on error the set returned is empty.
    /// </summary>
    /// <param name="name">The data set's name.</param>
    /// <param name="path">The file, already resolved against the plan's directory.</param>
    /// <param name="errors">Receives every problem found.</param>
    /// <param name="location">Where the plan declares this data set, for problems not tied to a line of the file.</param>
    public static DataSet Load(string name, string path, List<PlanError> errors, SourceLocation? location = null)
    {
        var settingPath = "data." + name;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            errors.Add(new PlanError(settingPath, $"cannot read data file '{path}': {reason}", location));
            return Empty(name);
        }

        var before = errors.Count;
        var isJson = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && text.AsSpan().TrimStart().StartsWith("["));
        var set = isJson
            ? FromJson(name, text, path, settingPath, errors)
            : FromCsv(name, text, path, settingPath, errors);
        if (errors.Count == before && set.Count == 0)
        {
            errors.Add(new PlanError(settingPath, $"data file '{path}' has no rows", location));
        }

        return errors.Count == before ? set : Empty(name);
    }

    /// <summary>A data set from rows built in code; columns are the keys in the order first seen.</summary>
    public static DataSet FromRows(string name, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var key in row.Keys)
            {
                if (seen.Add(key))
                {
                    columns.Add(key);
                }
            }
        }

        return new DataSet(name, columns, rows);
    }

    private static DataSet Empty(string name) => new(name, [], []);

    private static DataSet FromCsv(string name, string text, string file, string settingPath, List<PlanError> errors)
    {
        var records = CsvParser.Parse(text, file, settingPath, errors);
        if (records.Count == 0)
        {
            return Empty(name);
        }

        var header = records[0];
        var columns = header.Fields;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length == 0)
            {
                errors.Add(new PlanError(settingPath, $"column {i + 1} of the header has no name", new SourceLocation(file, header.Line)));
            }
            else if (!seen.Add(columns[i]))
            {
                errors.Add(new PlanError(settingPath, $"column '{columns[i]}' appears twice in the header", new SourceLocation(file, header.Line)));
            }
        }

        var rows = new List<IReadOnlyDictionary<string, string>>(records.Count - 1);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.Fields.Count != columns.Count)
            {
                errors.Add(new PlanError(
                    settingPath,
                    $"row has {record.Fields.Count} field(s) but the header has {columns.Count} column(s)",
                    new SourceLocation(file, record.Line)));
                continue;
            }

            var row = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
            for (var c = 0; c < columns.Count; c++)
            {
                row[columns[c]] = record.Fields[c];
            }

            rows.Add(row);
        }

        return new DataSet(name, columns, rows);
    }

    private static DataSet FromJson(string name, string text, string file, string settingPath, List<PlanError> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            errors.Add(new PlanError(settingPath, "invalid JSON: " + FirstSentence(e.Message), new SourceLocation(file, line, column)));
            return Empty(name);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new PlanError(settingPath, $"a JSON data file must hold an array of objects, not {Describe(document.RootElement.ValueKind)}", new SourceLocation(file)));
                return Empty(name);
            }

            var rows = new List<IReadOnlyDictionary<string, string>>(document.RootElement.GetArrayLength());
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new PlanError(settingPath, $"element [{index}] is {Describe(element.ValueKind)}; every element must be an object", new SourceLocation(file)));
                }
                else
                {
                    var row = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        row[property.Name] = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString()!,
                            JsonValueKind.Null => "",
                            _ => property.Value.GetRawText(),
                        };
                    }

                    rows.Add(row);
                }

                index++;
            }

            var set = FromRows(name, rows);
            // A row that lacks a key reads as empty rather than failing the lookup mid-run.
            foreach (var row in rows)
            {
                var dictionary = (Dictionary<string, string>)row;
                foreach (var column in set.Columns)
                {
                    dictionary.TryAdd(column, "");
                }
            }

            return set;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
