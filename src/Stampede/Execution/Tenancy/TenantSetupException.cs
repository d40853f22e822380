namespace Stampede.Execution.Tenancy;

/// <summary>A tenancy call of setup failed: the target refused it or could not be reached. The message says which call and what came back.</summary>
internal sealed class TenantSetupException(string message, Exception? inner = null) : Exception(message, inner);
