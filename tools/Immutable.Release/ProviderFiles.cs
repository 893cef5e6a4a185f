namespace Immutable.Release;

/// <summary>
/// The names Terraform's registry protocol and filesystem mirrors expect for this provider's files
/// (<c>terraform-provider-TYPE_VERSION_OS_ARCH.zip</c> holding <c>terraform-provider-TYPE_vVERSION</c>, and so on).
/// </summary>
public static class ProviderFiles
{
    public const string Hostname = "registry.terraform.io";
    public const string Namespace = "immutable-infra";
    public const string Type = "immutable";
    public const string Project = "terraform-provider-" + Type;

    /// <summary><c>registry.terraform.io/immutable-infra/immutable</c>.</summary>
    public const string Address = Hostname + "/" + Namespace + "/" + Type;

    public static string Zip(string version, TerraformPlatform platform) => $"{Project}_{version}_{platform}.zip";

    public static string Executable(string version, TerraformPlatform platform) => $"{Project}_v{version}{platform.ExecutableSuffix}";

    public static string Manifest(string version) => $"{Project}_{version}_manifest.json";

    public static string Sums(string version) => $"{Project}_{version}_SHA256SUMS";

    public static string Signature(string version) => Sums(version) + ".sig";
}
