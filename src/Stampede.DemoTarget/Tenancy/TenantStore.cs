using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Stampede.DemoTarget.Hosting;

namespace Stampede.DemoTarget.Tenancy;

/// <summary>
/// Organisations, users and API keys, in memory. Changes are rare (setup steps) and take a lock;
/// key lookups, on every AI request, do not.
/// </summary>
internal sealed partial class TenantStore(int seed)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Organization> _orgs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Organization> _keys = new(StringComparer.Ordinal);
    private long _nextUser;
    private long _nextKey;

    public IEnumerable<Organization> Orgs() => _orgs.Values;

    /// <summary>Keys in force, in every organisation.</summary>
    public int KeyCount => _keys.Count;

    public Organization? Find(string slug) => _orgs.GetValueOrDefault(slug);

    public Organization? Authenticate(string? secret) =>
        secret is not null && _keys.TryGetValue(secret, out var org) ? org : null;

    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    /// <summary>Null when the slug is taken.</summary>
    public Organization? CreateOrg(string slug, decimal budgetUsd)
    {
        var org = new Organization(slug, budgetUsd);
        return _orgs.TryAdd(slug, org) ? org : null;
    }

    public bool DeleteOrg(string slug)
    {
        lock (_gate)
        {
            if (!_orgs.TryRemove(slug, out var org))
            {
                return false;
            }

            foreach (var user in org.Users.Values)
            {
                RevokeAll(user);
            }

            return true;
        }
    }

    public OrgUser? Invite(string slug, string email)
    {
        lock (_gate)
        {
            if (!_orgs.TryGetValue(slug, out var org))
            {
                return null;
            }

            var user = new OrgUser($"u-{++_nextUser}", email);
            org.Users.Add(user.Id, user);
            return user;
        }
    }

    public bool DeleteUser(string slug, string userId)
    {
        lock (_gate)
        {
            if (!_orgs.TryGetValue(slug, out var org) || !org.Users.Remove(userId, out var user))
            {
                return false;
            }

            RevokeAll(user);
            return true;
        }
    }

    /// <summary>Null when the organisation or user does not exist.</summary>
    public (string Id, string Secret)? CreateKey(string slug, string userId)
    {
        lock (_gate)
        {
            if (!_orgs.TryGetValue(slug, out var org) || !org.Users.TryGetValue(userId, out var user))
            {
                return null;
            }

            var n = ++_nextKey;
            var id = $"key-{n}";
            var secret = KeyFor(seed, slug, n);
            user.Keys.Add(id, secret);
            _keys[secret] = org;
            return (id, secret);
        }
    }

    public bool DeleteKey(string slug, string userId, string keyId)
    {
        lock (_gate)
        {
            if (!_orgs.TryGetValue(slug, out var org)
                || !org.Users.TryGetValue(userId, out var user)
                || !user.Keys.Remove(keyId, out var secret))
            {
                return false;
            }

            _keys.TryRemove(secret, out _);
            return true;
        }
    }

    /// <summary>A key that depends only on the seed, the organisation and the key's number, so a run repeats.</summary>
    public static string KeyFor(int seed, string slug, long number)
    {
        var a = SeededRandom.Mix(SeededRandom.Hash(slug, (ulong)(uint)seed), (ulong)number);
        var b = SeededRandom.Mix(a, 0x5EED);
        return $"sk-{slug}-{a:x16}{b:x8}"[..(slug.Length + 4 + 24)];
    }

    private void RevokeAll(OrgUser user)
    {
        foreach (var secret in user.Keys.Values)
        {
            _keys.TryRemove(secret, out _);
        }

        user.Keys.Clear();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex SlugPattern();
}
