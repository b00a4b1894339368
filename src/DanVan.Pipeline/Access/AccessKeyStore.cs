using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace DanVan.Pipeline.Access;

/// <summary>Who may do what (docs/system-contract.md §3).</summary>
public enum AccessRole
{
    /// <summary>One unit: its templates, uploads for itself only, its own submissions and feedback.</summary>
    Agency,
    /// <summary>Sở Nội vụ: everything for every unit, plus consolidation and access management.</summary>
    Consolidator,
    /// <summary>Reads dashboards and downloads consolidated workbooks.</summary>
    Leader,
}

/// <summary>An access key as stored: never the secret itself, only its SHA-256.</summary>
public sealed record AccessKey(string Id, AccessRole Role, string? UnitCode, string Label, DateTimeOffset IssuedUtc, DateTimeOffset? RevokedUtc)
{
    public bool IsActive => RevokedUtc is null;

    /// <summary>May this key act for that unit?</summary>
    public bool MayActFor(string unitCode) => IsActive && (Role == AccessRole.Consolidator || (Role == AccessRole.Agency && UnitCode == unitCode));
}

/// <summary>
/// Access keys (mã truy cập) in table AccessKeys: PartitionKey "key", RowKey = SHA-256 of the secret. The secret
/// is shown once when issued; a lost key is revoked and a new one issued.
/// </summary>
public sealed class AccessKeyStore(Storage.DanVanStorage storage, TimeProvider time)
{
    private const string Partition = "key";
    private const string Prefix = "dv_";

    private TableClient Table => storage.Table(Storage.StorageNames.AccessKeys);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret.Trim())));

    public async Task<(AccessKey Key, string Secret)> IssueAsync(AccessRole role, string? unitCode, string label, CancellationToken cancellationToken)
    {
        if (role == AccessRole.Agency && string.IsNullOrWhiteSpace(unitCode))
        {
            throw new ArgumentException("An agency key belongs to one unit.", nameof(unitCode));
        }
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        var hash = Hash(secret);
        var key = new AccessKey(hash[..12], role, role == AccessRole.Agency ? unitCode : null, label, time.GetUtcNow(), null);
        await Table.AddEntityAsync(new TableEntity(Partition, hash)
        {
            ["Id"] = key.Id,
            ["Role"] = role.ToString(),
            ["UnitCode"] = key.UnitCode,
            ["Label"] = label,
            ["IssuedUtc"] = key.IssuedUtc,
        }, cancellationToken);
        return (key, secret);
    }

    /// <summary>The active key for a secret, or null (unknown, mistyped or revoked).</summary>
    public async Task<AccessKey?> ResolveAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || !secret.Trim().StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(secret), cancellationToken: cancellationToken);
        return found.HasValue && From(found.Value!) is { IsActive: true } key ? key : null;
    }

    /// <summary>The active key with that SHA-256 (a session's key), or null when unknown or revoked.</summary>
    public async Task<AccessKey?> FindByHashAsync(string? hash, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(hash))
        {
            return null;
        }
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, hash, cancellationToken: cancellationToken);
        return found.HasValue && From(found.Value!) is { IsActive: true } key ? key : null;
    }

    public async Task<IReadOnlyList<AccessKey>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<AccessKey>();
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            list.Add(From(e));
        }
        return list.OrderBy(k => k.IssuedUtc).ToList();
    }

    /// <summary>Revokes by the short id `keys list` shows; false when no such key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(x => x.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (string.Equals(e.GetString("Id"), id.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                e["RevokedUtc"] = time.GetUtcNow();
                await Table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
        }
        return false;
    }

    private static AccessKey From(TableEntity e) => new(
        e.GetString("Id") ?? e.RowKey[..12],
        Enum.TryParse<AccessRole>(e.GetString("Role"), out var role) ? role : AccessRole.Leader,
        e.GetString("UnitCode"),
        e.GetString("Label") ?? "",
        e.GetDateTimeOffset("IssuedUtc") ?? default,
        e.GetDateTimeOffset("RevokedUtc"));
}
