namespace CertMesh.AcmeOrder.Accounts;

/// <summary>The issuer's own configuration stops registration (a missing or unreadable Secret): fixing it is up to
/// the user, so it is reported on the issuer and not retried. The message never carries key material.</summary>
internal sealed class AccountSetupException(string message) : Exception(message);
