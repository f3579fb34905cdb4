-- pgbench script: a steady write load on the primary (touches product stock, changes nothing visible)
\set id random(1, 12000)
UPDATE product SET stock = stock WHERE id = :id;
