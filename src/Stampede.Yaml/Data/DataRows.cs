using System.Text;
using System.Text.Json;

namespace Stampede.Yaml.Data;

/// <summary>The rows of a CSV (header line first) or JSON (array of objects) file, read once when the plan loads.</summary>
internal static class DataRows
{
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ReadCsv(string text, out string? error)
    {
        error = null;
        var records = ParseCsv(text);
        if (records.Count == 0)
        {
            error = "the file is empty: expected a header line and at least one row";
            return [];
        }

        var header = records[0];
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record is [""])
            {
                continue;
            }

            if (record.Count != header.Count)
            {
                error = $"line {r + 1} has {record.Count} fields, the header has {header.Count}";
                return [];
            }

            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                row[header[c].Trim()] = record[c];
            }

            rows.Add(row);
        }

        if (rows.Count == 0)
        {
            error = "the file has a header but no rows";
        }

        return rows;
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> ReadJson(string text, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "expected a JSON array of objects";
                return [];
            }

            var rows = new List<IReadOnlyDictionary<string, object?>>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    error = $"item {rows.Count} is not an object: expected a JSON array of objects";
                    return [];
                }

                rows.Add(item.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal));
            }

            if (rows.Count == 0)
            {
                error = "the array is empty";
            }

            return rows;
        }
        catch (JsonException exception)
        {
            error = $"not valid JSON: {exception.Message}";
            return [];
        }
    }

    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                any = false;
            }
            else
            {
                field.Append(c);
            }
        }

        if (any)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
