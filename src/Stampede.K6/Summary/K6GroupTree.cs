using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stampede.Metrics;

namespace Stampede.K6.Summary;

/// <summary>
/// k6's <c>root_group</c>: the group tree (paths <c>::outer::inner</c>) with each group's checks. A result keeps
/// checks by group path, so the tree is rebuilt from those paths, and from the groups <c>group_duration</c> timed, so a
/// group without checks of its own still appears.
/// </summary>
internal static class K6GroupTree
{
    private const string Separator = "::";

    public static JsonObject Build(RunResult result)
    {
        var root = new Node("", "");
        var paths = result.Checks.Select(c => c.Group)
            .Concat(result.Metric(BuiltinMetrics.GroupDuration.Name)?.Series.Select(s => s.Tags.GetValueOrDefault("group", "")) ?? []);
        foreach (var path in paths)
        {
            root.Descendant(path);
        }

        foreach (var check in result.Checks)
        {
            root.Descendant(check.Group).Checks.Add(check);
        }

        return root.ToJson();
    }

    /// <summary>k6's id of a group or check: the hex MD5 of its path, opaque but stable between runs.</summary>
#pragma warning disable CA5351 // not a security use: k6 derives these correlation ids from MD5, so the same path gets k6's id
    internal static string Id(string path) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(path)));
#pragma warning restore CA5351

    private sealed class Node(string name, string path)
    {
        private readonly List<Node> _children = [];

        public List<CheckResult> Checks { get; } = [];

        /// <summary>The group at <paramref name="groupPath"/> below this one, made with its ancestors when missing.</summary>
        public Node Descendant(string groupPath)
        {
            var node = this;
            foreach (var part in groupPath.Split(Separator).Skip(1))
            {
                var child = node._children.Find(c => c.Name == part);
                if (child is null)
                {
                    child = new Node(part, node.Path + Separator + part);
                    node._children.Add(child);
                }

                node = child;
            }

            return node;
        }

        private string Name => name;

        private string Path => path;

        public JsonObject ToJson()
        {
            var checks = new JsonArray();
            foreach (var check in Checks)
            {
                var checkPath = Path + Separator + check.Name;
                checks.Add((JsonNode)new JsonObject
                {
                    ["name"] = check.Name,
                    ["path"] = checkPath,
                    ["id"] = Id(checkPath),
                    ["passes"] = check.Passes,
                    ["fails"] = check.Fails,
                });
            }

            var groups = new JsonArray();
            foreach (var child in _children)
            {
                groups.Add((JsonNode)child.ToJson());
            }

            return new JsonObject
            {
                ["name"] = Name,
                ["path"] = Path,
                ["id"] = Id(Path),
                ["groups"] = groups,
                ["checks"] = checks,
            };
        }
    }
}
