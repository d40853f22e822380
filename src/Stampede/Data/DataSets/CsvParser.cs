using System.Text;
using Stampede.Plans;

namespace Stampede.Data.DataSets;

/// <summary>An RFC 4180 reader: quoted fields may hold commas, quotes (<c>""</c>) and line breaks; CRLF, LF and a BOM are accepted.</summary>
internal static class CsvParser
{
    internal readonly record struct Record(int Line, List<string> Fields);

    public static List<Record> Parse(string text, string file, string settingPath, List<PlanError> errors)
    {
        var records = new List<Record>();
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var field = new StringBuilder();
        while (position < text.Length)
        {
            var recordLine = line;
            var fields = new List<string>();
            var endOfRecord = false;
            while (!endOfRecord)
            {
                field.Clear();
                if (position < text.Length && text[position] == '"')
                {
                    var quoteLine = line;
                    var quoteColumn = Column(text, position);
                    position++;
                    var closed = false;
                    while (position < text.Length)
                    {
                        var c = text[position];
                        if (c == '"')
                        {
                            if (position + 1 < text.Length && text[position + 1] == '"')
                            {
                                field.Append('"');
                                position += 2;
                                continue;
                            }

                            position++;
                            closed = true;
                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                        position++;
                    }

                    if (!closed)
                    {
                        errors.Add(new PlanError(settingPath, "quoted field is not closed: expected '\"' before the end of the file", new SourceLocation(file, quoteLine, quoteColumn)));
                        return records;
                    }

                    // After a closing quote only a separator or the end of the record may follow.
                    if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        errors.Add(new PlanError(settingPath, $"unexpected '{text[position]}' after a quoted field: expected ',' or the end of the line", new SourceLocation(file, line, Column(text, position))));
                        while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                        {
                            position++;
                        }
                    }
                }
                else
                {
                    while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        field.Append(text[position]);
                        position++;
                    }
                }

                fields.Add(field.ToString());
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                    continue;
                }

                endOfRecord = true;
                if (position < text.Length && text[position] == '\r')
                {
                    position++;
                }

                if (position < text.Length && text[position] == '\n')
                {
                    position++;
                }

                line++;
            }

            // Blank lines (often a trailing newline) are not records.
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                records.Add(new Record(recordLine, fields));
            }
        }

        return records;
    }

    private static int Column(string text, int position)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, position - 1));
        return position - start;
    }
}
