namespace CertMesh.Acme.Http;

/// <summary>
/// The logical ACME operation behind an HTTP exchange, as cert-manager labels its ACME client metrics (<c>action</c>):
/// a small fixed set, so a CA's per-order and per-authorization URLs never become label values.
/// </summary>
public static class AcmeActions
{
    public const string GetDirectory = "get_directory";
    public const string NewNonce = "new_nonce";
    public const string NewAccount = "new_account";
    public const string GetAccount = "get_account";
    public const string UpdateAccount = "update_account";
    public const string KeyChange = "key_change";
    public const string NewOrder = "new_order";
    public const string GetOrder = "get_order";
    public const string GetAuthorization = "get_authorization";
    public const string DeactivateAuthorization = "deactivate_authorization";
    public const string GetChallenge = "get_challenge";
    public const string AcceptChallenge = "accept_challenge";
    public const string FinalizeOrder = "finalize_order";
    public const string GetCertificate = "get_certificate";
    public const string Revoke = "revoke";
    public const string GetRenewalInfo = "get_renewal_info";
}
