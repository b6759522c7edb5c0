export declare const DEV_BASE_URL: "https://localhost:3000/";
export declare function resolveBaseUrl(env: Record<string, string | undefined>): {
  baseUrl: string;
  warning: string | null;
};
export declare function rewriteManifestUrls(manifestXml: string, baseUrl: string): string;
