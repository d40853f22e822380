using Stampede.Data.DataSets;
using Stampede.Yaml.Flows;
using YamlDotNet.RepresentationModel;

namespace Stampede.Yaml.Reading;

/// <summary>Reads <c>data:</c>: named CSV or JSON data sets with how rows are picked and what happens when they run out.</summary>
internal sealed class DataReader(PlanReader reader)
{
    private static readonly string[] Formats = ["csv", "json"];

    /// <summary>The names of every data set the plan declares, read or not, so templates naming them are not reported as unknown.</summary>
    public HashSet<string> Declared { get; } = new(StringComparer.Ordinal);

    public List<DataSpec> Read(YamlNode node)
    {
        var sets = new List<DataSpec>();
        foreach (var (name, _, value) in reader.Mapping(node, "data", null, "data sets (name: { csv: FILE })"))
        {
            var path = "data." + name;
            Declared.Add(name);
            var entries = reader.Mapping(value, path, PlanKeys.DataSource, "a data set { csv: FILE } or { json: FILE }");
            if (value is not YamlMappingNode)
            {
                continue;
            }

            var get = entries.ToDictionary(e => e.Key, e => e.Value);
            var formats = Formats.Where(get.ContainsKey).ToList();
            if (formats.Count != 1)
            {
                reader.Error(path, formats.Count == 0 ? "a data set needs csv: FILE or json: FILE" : "a data set has one file: csv: or json:, not both", value);
                continue;
            }

            var pick = get.TryGetValue("pick", out var p) ? reader.OneOf(p, path + ".pick", PlanKeys.Picks) : "sequential";
            var exhausted = get.TryGetValue("onExhausted", out var o) ? reader.OneOf(o, path + ".onExhausted", PlanKeys.Exhausted) : pick == "unique" ? "stop" : "cycle";
            var fileNode = get[formats[0]];
            var file = reader.Text(fileNode, path + "." + formats[0], "a file path");
            if (file is null || pick is null || exhausted is null)
            {
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(reader.DirectoryOf(fileNode), file));
            if (!File.Exists(full))
            {
                reader.Error(path + "." + formats[0], $"data file '{file}' not found (paths are relative to the plan file)", fileNode);
                continue;
            }

            var before = reader.Errors.Count;
            var set = DataSet.Load(name, full, reader.Errors, reader.At(fileNode));
            if (reader.Errors.Count == before)
            {
                sets.Add(new DataSpec(set, Enum.Parse<PickMode>(pick, ignoreCase: true), Enum.Parse<ExhaustedBehaviour>(exhausted, ignoreCase: true)));
            }
        }

        return sets;
    }
}
