// Reading the exit code from the status channel of a Kubernetes exec (channel 3): a v1 Status,
// `Success`, or `Failure` with reason NonZeroExitCode and the code in details.causes.

export interface ExecStatus {
  status?: string;
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

/** The command's exit code, or undefined when the status says the exec itself failed. */
export function exitCodeOf(status: ExecStatus): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason !== 'NonZeroExitCode') return undefined;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}
