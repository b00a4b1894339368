using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace DanVan.Web.Security;

/// <summary>
/// Envelope encryption of a key-ring element: a fresh AES-256 key per element encrypts it (AES-GCM), and Key Vault wraps
/// that key (<see cref="KeyVaultKeyWrapper"/>). The blob then holds only ciphertext and the wrapped key.
/// </summary>
public sealed class KeyVaultXmlEncryptor(KeyVaultKeyWrapper vault) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        try
        {
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Encrypt(nonce, plain, cipher, tag);
            }
            var (kid, wrapped) = vault.Wrap(key);
            var element = new XElement("encryptedKey",
                new XComment(" This key is encrypted with AES-256-GCM; its key is wrapped by Azure Key Vault (RSA-OAEP-256). "),
                new XElement("kid", kid),
                new XElement("wrappedKey", Convert.ToBase64String(wrapped)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(cipher)));
            return new EncryptedXmlInfo(element, typeof(KeyVaultXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>The reverse of <see cref="KeyVaultXmlEncryptor"/>; created by data protection through the service provider.</summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var vault = services.GetRequiredService<KeyVaultKeyWrapper>();
        string Part(string name) => (string?)encryptedElement.Element(name) ?? throw new CryptographicException($"The encrypted key element has no <{name}>.");
        var key = vault.Unwrap(Part("kid"), Convert.FromBase64String(Part("wrappedKey")));
        var cipher = Convert.FromBase64String(Part("value"));
        var tag = Convert.FromBase64String(Part("tag"));
        var plain = new byte[cipher.Length];
        try
        {
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Decrypt(Convert.FromBase64String(Part("nonce")), cipher, tag, plain);
            }
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
