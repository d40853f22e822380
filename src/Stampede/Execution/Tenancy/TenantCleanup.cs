using Stampede.Metrics;
using Stampede.Plans.Tenants;

namespace Stampede.Execution.Tenancy;

/// <summary>
/// Deletes what a manifest lists, in the reverse of the order it was made: each user's keys, then the user, then its
/// organisation, the last made first. A delete the target answers with an error is tried again (after a short pause)
/// up to the given attempts; one answered 404 was already gone. What could not be deleted stays in the manifest,
/// which is rewritten with just that (or removed when nothing is left), and is reported.
/// </summary>
internal static class TenantCleanup
{
    private const int Parallelism = 8;

    public static async Task<TenantCleanupResult> RunAsync(TenantManifest manifest, TenantApiClient client, int attempts, TimeProvider time, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var failuresLock = new Lock();
        int keys = 0, users = 0, organizations = 0;
        foreach (var org in Enumerable.Reverse(manifest.Organizations.ToList()))
        {
            var leftUsers = new System.Collections.Concurrent.ConcurrentBag<ManifestUser>();
            await Parallel.ForEachAsync(Enumerable.Reverse(org.Users.ToList()), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (user, token) =>
            {
                var leftKeys = new List<string>();
                foreach (var key in Enumerable.Reverse(user.Keys.ToList()))
                {
                    if (await DeleteAsync(client, manifest.DeleteKey, new TenantCallValues(org.Slug, User: user.Id, Key: key), attempts, time, token).ConfigureAwait(false) is { } problem)
                    {
                        leftKeys.Add(key);
                        Report($"key {key} of {user.Email}: {problem}");
                    }
                    else
                    {
                        Interlocked.Increment(ref keys);
                    }
                }

                if (await DeleteAsync(client, manifest.DeleteUser, new TenantCallValues(org.Slug, User: user.Id, Email: user.Email), attempts, time, token).ConfigureAwait(false) is { } failed)
                {
                    Report($"user {user.Email} ({user.Id}): {failed}");
                    leftUsers.Add(new ManifestUser { Id = user.Id, Email = user.Email, Keys = leftKeys });
                }
                else
                {
                    Interlocked.Increment(ref users);
                }
            }).ConfigureAwait(false);

            var orgProblem = await DeleteAsync(client, manifest.DeleteOrganization, new TenantCallValues(org.Slug), attempts, time, cancellationToken).ConfigureAwait(false);
            org.Users.Clear();
            if (orgProblem is not null)
            {
                Report($"organisation {org.Slug}: {orgProblem}");
                org.Users.AddRange(leftUsers);
            }
            else
            {
                organizations++;
                manifest.Organizations.Remove(org);
            }
        }

        if (manifest.Path is { } path)
        {
            if (manifest.Organizations.Count == 0)
            {
                File.Delete(path);
            }
            else
            {
                await manifest.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        return new TenantCleanupResult
        {
            DeletedOrganizations = organizations,
            DeletedUsers = users,
            DeletedKeys = keys,
            Failures = failures,
            Manifest = manifest.Organizations.Count > 0 ? manifest.Path : null,
        };

        void Report(string failure)
        {
            lock (failuresLock)
            {
                failures.Add(failure);
            }
        }
    }

    /// <summary>Null once the thing is gone; else what the last attempt answered.</summary>
    private static async Task<string?> DeleteAsync(TenantApiClient client, TenantCall call, TenantCallValues values, int attempts, TimeProvider time, CancellationToken cancellationToken)
    {
        var problem = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                var answer = await client.SendAsync(call, values, cancellationToken).ConfigureAwait(false);
                if (TenantApiClient.IsGone(answer))
                {
                    return null;
                }

                problem = $"{call.Method} {TenantApiClient.Render(call.Path, values, escapeJson: false)} answered {answer.Describe()}";
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = $"{call.Method} {TenantApiClient.Render(call.Path, values, escapeJson: false)}: {(exception is TaskCanceledException ? "timed out" : exception.Message)}";
            }

            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }

        return $"{problem} (after {attempts} attempt{(attempts == 1 ? "" : "s")})";
    }
}
