/** A command failed for a reason the operator can fix; printed without a stack, exit code 1. */
export class CommandFailed extends Error {
  override name = "CommandFailed";
}
