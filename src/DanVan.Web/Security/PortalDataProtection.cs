using Azure.Core;
using Azure.Identity;
using DanVan.Pipeline.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DanVan.Web.Security;

/// <summary>
/// One key ring for every instance of the portal (self-host, every Functions instance): in blob container
/// <see cref="StorageNames.PortalKeys"/> of the pipeline's storage, under one application name, so a session cookie or a
/// form token issued by one instance is accepted by another after scale-out or a restart. With
/// <see cref="KeyVaultKeyUriSetting"/> set, every element is encrypted with a key wrapped by that Key Vault key; without
/// it (local, Azurite) elements are stored unencrypted and an Information line says so.
/// </summary>
public static class PortalDataProtection
{
    public const string ApplicationName = "DanVan.Portal";

    /// <summary>A Key Vault key's URI (https://VAULT.vault.azure.net/keys/NAME[/VERSION]); app setting <c>DanVan__Portal__KeyVaultKeyUri</c>.</summary>
    public const string KeyVaultKeyUriSetting = "DanVan:Portal:KeyVaultKeyUri";

    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        var keyUri = configuration[KeyVaultKeyUriSetting];
        if (!string.IsNullOrWhiteSpace(keyUri))
        {
            var uri = new Uri(keyUri);
            // Tests put a wrapper talking to a local vault first; otherwise the app's identity signs in to Key Vault.
            services.TryAddSingleton(sp => new KeyVaultKeyWrapper(uri, sp.GetService<TokenCredential>() ?? new DefaultAzureCredential(), new HttpClient()));
        }
        services.AddOptions<KeyManagementOptions>().Configure<DanVanStorage, ILoggerFactory, IServiceProvider>((o, storage, logs, sp) =>
        {
            o.XmlRepository = new BlobXmlRepository(storage.Container(StorageNames.PortalKeys));
            var logger = logs.CreateLogger(typeof(PortalDataProtection).FullName!);
            if (string.IsNullOrWhiteSpace(keyUri))
            {
                logger.LogInformation("Portal data-protection keys are stored unencrypted in blob container {Container}: set {Setting} to protect them with a Key Vault key", StorageNames.PortalKeys, KeyVaultKeyUriSetting);
            }
            else
            {
                o.XmlEncryptor = new KeyVaultXmlEncryptor(sp.GetRequiredService<KeyVaultKeyWrapper>());
                logger.LogInformation("Portal data-protection keys are stored in blob container {Container}, encrypted with Key Vault key {KeyUri}", StorageNames.PortalKeys, keyUri);
            }
        });
        return services;
    }
}
