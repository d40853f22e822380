using System.Text.Json;
using System.Text.Json.Serialization;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// What a run has created on the target, with how to delete it: kept in memory during setup and, when the plan names
/// a file, written there as it grows, so <c>stampede cleanup FILE</c> can delete what a crashed run left behind.
/// Thread-safe: provisioning adds users from several calls at once.
/// </summary>
internal sealed class TenantManifest
{
    private readonly Lock _lock = new();

    public const string FormatName = "stampede-tenants";

    public string Format { get; init; } = FormatName;

    public required string RunId { get; init; }

    public required Uri BaseUrl { get; init; }

    public required TenantCall DeleteKey { get; init; }

    public required TenantCall DeleteUser { get; init; }

    public required TenantCall DeleteOrganization { get; init; }

    public List<ManifestOrganization> Organizations { get; init; } = [];

    [JsonIgnore]
    public string? Path { get; set; }

    public ManifestOrganization AddOrganization(string tag, string slug)
    {
        var org = new ManifestOrganization { Tag = tag, Slug = slug };
        lock (_lock)
        {
            Organizations.Add(org);
        }

        return org;
    }

    public ManifestUser AddUser(ManifestOrganization org, string id, string email)
    {
        var user = new ManifestUser { Id = id, Email = email };
        lock (_lock)
        {
            org.Users.Add(user);
        }

        return user;
    }

    public void AddKey(ManifestUser user, string keyId)
    {
        lock (_lock)
        {
            user.Keys.Add(keyId);
        }
    }

    /// <summary>Counts of what is listed: organisations, users, keys.</summary>
    public (int Organizations, int Users, int Keys) Counts()
    {
        lock (_lock)
        {
            return (Organizations.Count, Organizations.Sum(o => o.Users.Count), Organizations.Sum(o => o.Users.Sum(u => u.Keys.Count)));
        }
    }

    /// <summary>Writes the manifest to <see cref="Path"/> (replacing it whole, so a crash mid-write leaves the last good copy).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Path is not { } path)
        {
            return;
        }

        string json;
        lock (_lock)
        {
            json = JsonSerializer.Serialize(this, TenantManifestJsonContext.Default.TenantManifest);
        }

        if (System.IO.Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, json, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a manifest file; null with a message when it is not one.</summary>
    public static (TenantManifest? Manifest, string? Error) Load(string path)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), TenantManifestJsonContext.Default.TenantManifest);
            if (manifest is null || manifest.Format != FormatName)
            {
                return (null, $"{path}: not a Stampede tenant manifest (expected \"format\": \"{FormatName}\")");
            }

            manifest.Path = path;
            return (manifest, null);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $":{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : "";
            return (null, $"{path}{where}: not a Stampede tenant manifest: {exception.Message.Split(" Path:")[0]}");
        }
        catch (IOException exception)
        {
            return (null, $"{path}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            return (null, $"{path}: {exception.Message}");
        }
    }
}

/// <summary>An organisation a run created.</summary>
internal sealed class ManifestOrganization
{
    public required string Tag { get; init; }

    public required string Slug { get; init; }

    public List<ManifestUser> Users { get; init; } = [];
}

/// <summary>A user a run created, with the ids of its keys.</summary>
internal sealed class ManifestUser
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public List<string> Keys { get; init; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TenantManifest))]
internal sealed partial class TenantManifestJsonContext : JsonSerializerContext;
