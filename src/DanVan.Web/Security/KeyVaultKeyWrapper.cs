using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace DanVan.Web.Security;

/// <summary>
/// Key Vault's <c>wrapKey</c>/<c>unwrapKey</c> over its REST API (RSA-OAEP-256), signed in with a
/// <see cref="TokenCredential"/>: the key never leaves the vault, and no Key Vault SDK package is needed.
/// </summary>
public sealed class KeyVaultKeyWrapper(Uri keyUri, TokenCredential credential, HttpClient http)
{
    public const string Algorithm = "RSA-OAEP-256";
    private const string ApiVersion = "7.4";
    private static readonly string[] Scopes = ["https://vault.azure.net/.default"];

    /// <summary>The key as configured (with or without a version); wrapping uses its current version.</summary>
    public Uri KeyUri { get; } = keyUri;

    /// <summary>Wraps <paramref name="key"/>; returns the versioned key id that can unwrap it and the wrapped bytes.</summary>
    public (string KeyId, byte[] Wrapped) Wrap(byte[] key)
    {
        var answer = Send(new Uri(KeyUri.ToString().TrimEnd('/') + "/wrapkey?api-version=" + ApiVersion), key);
        return (answer.Kid ?? KeyUri.ToString(), Base64Url.Decode(answer.Value!));
    }

    /// <summary>Unwraps with the exact key version that wrapped it, so older elements stay readable after a rotation.</summary>
    public byte[] Unwrap(string keyId, byte[] wrapped) =>
        Base64Url.Decode(Send(new Uri(keyId.TrimEnd('/') + "/unwrapkey?api-version=" + ApiVersion), wrapped).Value!);

    private KeyOperationResult Send(Uri uri, byte[] value)
    {
        // IXmlEncryptor and IXmlDecryptor are synchronous; key-ring reads are rare (at start and on rotation).
        var token = credential.GetToken(new TokenRequestContext(Scopes), CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, Base64Url.Encode(value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Key Vault answered {(int)response.StatusCode} to {uri.GetLeftPart(UriPartial.Path)}.");
        }
        using var stream = response.Content.ReadAsStream();
        var result = System.Text.Json.JsonSerializer.Deserialize<KeyOperationResult>(stream);
        return result?.Value is null ? throw new InvalidOperationException($"Key Vault's answer from {uri.GetLeftPart(UriPartial.Path)} holds no value.") : result;
    }

    private sealed record KeyOperation([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string? Value);
}

/// <summary>Base64url without padding, as Key Vault writes key material.</summary>
public static class Base64Url
{
    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
