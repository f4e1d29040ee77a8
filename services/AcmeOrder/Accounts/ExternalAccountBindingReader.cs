using System.Text;
using CertMesh.Acme.Jws;
using CertMesh.Domain.Acme;
using CertMesh.Persistence.Database;

namespace CertMesh.AcmeOrder.Accounts;

/// <summary>The EAB MAC key from its Secret (base64url text, as the CA hands it out and cert-manager stores it).</summary>
internal static class ExternalAccountBindingReader
{
    public static async Task<ExternalAccountBinding> ReadAsync(UnitOfWork unit, string @namespace, AcmeExternalAccountBinding binding, CancellationToken cancellationToken)
    {
        var where = $"the external account binding Secret \"{@namespace}/{binding.KeySecretName}\"";
        var secret = await unit.Secrets.GetAsync(@namespace, binding.KeySecretName, cancellationToken)
            ?? throw new AccountSetupException($"{where} was not found");
        if (!secret.Document.Data.TryGetValue(binding.KeySecretKey, out var value) || value.Length == 0)
            throw new AccountSetupException($"{where} has no key \"{binding.KeySecretKey}\"");
        try
        {
            return ExternalAccountBinding.FromBase64Url(binding.KeyId, Encoding.ASCII.GetString(value).Trim());
        }
        catch (ArgumentException)
        {
            // The library's message is generic already; this one adds where to look, never the value.
            throw new AccountSetupException($"{where}: key \"{binding.KeySecretKey}\" is not a base64url-encoded MAC key");
        }
    }
}
