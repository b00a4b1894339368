using System.Security.Cryptography;
using Azure.Data.Tables;

namespace DanVan.Pipeline.Access;

/// <summary>A signed-in browser: which key it signed in with (by hash, never the key), until when, and whether it ended.</summary>
public sealed record PortalSession(string Id, string KeyHash, DateTimeOffset CreatedUtc, DateTimeOffset ExpiresUtc, DateTimeOffset? EndedUtc);

/// <summary>
/// Portal sessions in table Sessions (PartitionKey "session", RowKey = SHA-256 of the session id): the cookie
/// carries only the id, inside a data-protected ticket. Every request is checked here and against the key's
/// status, so signing out or revoking the key ends the session at the next request, whatever the cookie says.
/// </summary>
public sealed class SessionStore(Storage.DanVanStorage storage, AccessKeyStore keys, TimeProvider time)
{
    private const string Partition = "session";

    private TableClient Table => storage.Table(Storage.StorageNames.Sessions);

    /// <summary>Starts a session for a key that resolved; returns its id (random, 256 bits).</summary>
    public async Task<PortalSession> StartAsync(string keySecret, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var session = new PortalSession(id, AccessKeyStore.Hash(keySecret), now, now + lifetime, null);
        await Table.AddEntityAsync(new TableEntity(Partition, RowKey(id))
        {
            ["KeyHash"] = session.KeyHash,
            ["CreatedUtc"] = session.CreatedUtc,
            ["ExpiresUtc"] = session.ExpiresUtc,
        }, cancellationToken);
        return session;
    }

    /// <summary>The key behind a live session, or null: unknown, ended, expired, or its key revoked.</summary>
    public async Task<AccessKey?> ResolveAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId) || sessionId.Length != 64)
        {
            return null;
        }
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(sessionId), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }
        var e = found.Value!;
        if (e.GetDateTimeOffset("EndedUtc") is not null || e.GetDateTimeOffset("ExpiresUtc") is not { } expires || expires <= time.GetUtcNow())
        {
            return null;
        }
        return await keys.FindByHashAsync(e.GetString("KeyHash"), cancellationToken);
    }

    /// <summary>Sign-out: the session is ended in storage, so the old cookie replayed is refused.</summary>
    public async Task EndAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        var entity = new TableEntity(Partition, RowKey(sessionId)) { ["EndedUtc"] = time.GetUtcNow() };
        try
        {
            await Table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Never started here (or already cleaned up): nothing to end.
        }
    }

    // The id is a bearer secret: storage holds its hash, so reading the table does not yield live sessions.
    private static string RowKey(string sessionId) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sessionId)));
}
