"""The pages of a post's life: composing (with the check as you type), the post and its history
with the decisions on it, the approvals queue, and the archive with its evidence packs."""
