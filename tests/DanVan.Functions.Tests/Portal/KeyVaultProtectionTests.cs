using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Core;
using DanVan.Pipeline.Azurite;
using DanVan.Pipeline.Storage;
using DanVan.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Functions.Tests.Portal;

/// <summary>
/// Keys protected with a Key Vault key: against a vault on loopback that implements Key Vault's wrapKey/unwrapKey REST
/// operations with a real RSA key (RSA-OAEP-256), the key ring round-trips between instances and storage holds no key in clear.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KeyVaultProtectionTests : IAsyncLifetime
{
    private const string Token = "jeton-thu";
    private readonly RSA _rsa = RSA.Create(2048);
    private AzuriteLauncher _azurite = null!;
    private WebApplication _vault = null!;
    private int _wraps;
    private int _unwraps;

    private string KeyUri { get; set; } = "";

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteLauncher.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _vault = builder.Build();
        _vault.MapPost("/keys/dp/wrapkey", (Delegate)((HttpContext c) => OperateAsync(c, b => { Interlocked.Increment(ref _wraps); return _rsa.Encrypt(b, RSAEncryptionPadding.OaepSHA256); })));
        _vault.MapPost("/keys/dp/v1/unwrapkey", (Delegate)((HttpContext c) => OperateAsync(c, b => { Interlocked.Increment(ref _unwraps); return _rsa.Decrypt(b, RSAEncryptionPadding.OaepSHA256); })));
        await _vault.StartAsync();
        var address = _vault.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        KeyUri = address.TrimEnd('/') + "/keys/dp";
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        await _azurite.DisposeAsync();
        _rsa.Dispose();
    }

    [Fact]
    public void An_element_round_trips_through_the_vault_and_its_secret_is_not_in_the_ciphertext()
    {
        using var services = Instance();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var element = new XElement("masterKey", new XElement("value", secret));

        var encrypted = new KeyVaultXmlEncryptor(services.GetRequiredService<KeyVaultKeyWrapper>()).Encrypt(element);
        var decrypted = new KeyVaultXmlDecryptor(services).Decrypt(encrypted.EncryptedElement);

        Assert.Equal(typeof(KeyVaultXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain(secret, encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(KeyUri + "/v1", (string?)encrypted.EncryptedElement.Element("kid"));
        Assert.Equal(element.ToString(), decrypted.ToString());
        Assert.Equal(1, _wraps);
        Assert.Equal(1, _unwraps);
    }

    [Fact]
    public void Instances_share_the_encrypted_key_ring_and_storage_holds_no_key_material_in_clear()
    {
        using var a = Instance();
        using var b = Instance();
        var payload = a.GetRequiredService<IDataProtectionProvider>().CreateProtector("phien").Protect("bí mật");

        Assert.Equal("bí mật", b.GetRequiredService<IDataProtectionProvider>().CreateProtector("phien").Unprotect(payload));
        Assert.True(_unwraps >= 1, "the second instance read the key through the vault");

        var container = new DanVanStorage(_azurite.ConnectionString).Container(StorageNames.PortalKeys);
        var keys = container.GetBlobs().Select(i => container.GetBlobClient(i.Name).DownloadContent().Value.Content.ToString()).ToList();
        Assert.NotEmpty(keys);
        foreach (var stored in keys)
        {
            Assert.DoesNotContain("masterKey", stored, StringComparison.Ordinal);
            Assert.Contains(nameof(KeyVaultXmlDecryptor), stored, StringComparison.Ordinal);
            // The key material, decrypted here, appears nowhere in what was stored.
            var encrypted = XElement.Parse(stored.TrimStart('\uFEFF')).Descendants("encryptedKey").Single();
            var material = new KeyVaultXmlDecryptor(a).Decrypt(encrypted).Descendants().Single(e => e.Name.LocalName == "value").Value;
            Assert.True(material.Length > 20);
            Assert.DoesNotContain(material, stored, StringComparison.Ordinal);
        }
    }

    private ServiceProvider Instance() => PortalInstances.Build(
        _azurite.ConnectionString,
        new() { [PortalDataProtection.KeyVaultKeyUriSetting] = KeyUri },
        s => s.AddSingleton<TokenCredential>(new FixedToken()));

    /// <summary>Key Vault's key operation: JSON {alg, value (base64url)} in, {kid, value} out, with the bearer token checked.</summary>
    private async Task<IResult> OperateAsync(HttpContext context, Func<byte[], byte[]> operation)
    {
        if (context.Request.Headers.Authorization != "Bearer " + Token || context.Request.Query["api-version"] != "7.4")
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (body.RootElement.GetProperty("alg").GetString() != KeyVaultKeyWrapper.Algorithm)
        {
            return Results.BadRequest();
        }
        var result = operation(Base64Url.Decode(body.RootElement.GetProperty("value").GetString()!));
        return Results.Json(new Dictionary<string, string> { ["kid"] = KeyUri + "/v1", ["value"] = Base64Url.Encode(result) });
    }

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
