// WebhookSolver: a reference cert-manager webhook DNS solver (webhook.acme.cert-manager.io/v1alpha1) that writes TXT records by RFC 2136.
using CertMesh.WebhookSolver;

WebhookSolverApp.Build(args).Run();
